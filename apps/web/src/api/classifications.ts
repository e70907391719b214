import { useQuery } from '@tanstack/react-query';
import type { Classifications } from '../lib/classifications';
import { apiJson } from './client';

export const fetchClassifications = () => apiJson<Classifications>('/api/v1/classifications');

/** The category and lagrum lists (everyone signed in may read them). */
export function useClassifications() {
  return useQuery({ queryKey: ['classifications'], queryFn: fetchClassifications, staleTime: 5 * 60_000 });
}
