/** Logged once every part of the projector process is running (fault tests wait for it). */
export const PROJECTOR_STARTED = 'projektorn är igång';
