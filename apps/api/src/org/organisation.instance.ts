import { Organisation } from './organisation';

/** The organisation the api serves (the demo organisation of api.md until a directory is configured). */
export const ORGANISATION = new Organisation();
