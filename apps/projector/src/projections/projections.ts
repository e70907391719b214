import type { Projection } from './projection';

export const PROJECTIONS: Projection[] = [];
