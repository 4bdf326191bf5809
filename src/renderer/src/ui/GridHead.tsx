/**
 * The heading row of a plain `grid` table (not the sortable list tables): one `<th scope="col">` per
 * column, numbers right-aligned, an actions column named for screen readers only.
 */
import type { ReactNode } from 'react'

export interface Column {
  label: ReactNode
  /** Right-aligned, like the numbers under it. */
  num?: boolean
  /** Said to screen readers only (a column of buttons). */
  hidden?: boolean
}

/** A column is its label, or a `Column` when it is more than that. */
export function GridHead({ columns }: { columns: ReadonlyArray<string | Column> }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => {
          const c = typeof column === 'string' ? { label: column } : column
          return (
            <th key={i} scope="col" className={c.num ? 'num' : undefined}>
              {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
            </th>
          )
        })}
      </tr>
    </thead>
  )
}
