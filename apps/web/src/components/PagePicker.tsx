import { Pagination } from '@mantine/core';

const CONTROL_LABELS = {
  next: 'Nästa sida',
  previous: 'Föregående sida',
  first: 'Första sidan',
  last: 'Sista sidan',
} as const;

/** Page numbers under a list, with Swedish names for screen readers; nothing when one page holds all. */
export function PagePicker({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  if (total <= pageSize) return null;
  return (
    <Pagination
      total={Math.ceil(total / pageSize)}
      value={page}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
      getItemProps={(p) => ({ 'aria-label': `Sida ${p}` })}
    />
  );
}
