/** Where public feedback without a unit is registered (api.md: staff classify it centrally). */
export const CENTRAL_UNIT_ID = 'forvaltning';
