import { Table, Text, VisuallyHidden } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartRow {
  label: string;
  [series: string]: string | number;
}

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** A bar chart with the same numbers as a table for screen readers (WCAG 1.1.1). */
export function BarChartWithTable({
  title,
  rows,
  series,
  layout = 'horizontal',
  height = 260,
}: {
  title: string;
  rows: ChartRow[];
  series: Series[];
  layout?: 'horizontal' | 'vertical';
  height?: number;
}) {
  if (rows.length === 0) return <Text size="sm">Inga ärenden under perioden.</Text>;
  const vertical = layout === 'vertical';
  return (
    <figure style={{ margin: 0 }} aria-label={title}>
      <div
        aria-hidden="true"
        style={{ width: '100%', height: vertical ? Math.max(height, rows.length * 34 + 40) : height }}
      >
        <ResponsiveContainer>
          <BarChart
            accessibilityLayer={false}
            data={rows}
            layout={vertical ? 'vertical' : 'horizontal'}
            margin={{ left: vertical ? 40 : 0, right: 16 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {vertical ? (
              <>
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} />
              </>
            ) : (
              <>
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} />
              </>
            )}
            <Tooltip />
            {series.length > 1 && <Legend />}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <VisuallyHidden>
        <Table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Grupp</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {series.map((s) => (
                  <td key={s.key}>{r[s.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </figure>
  );
}
