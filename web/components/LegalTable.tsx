import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';

type CellProps = { children?: ReactNode; 'data-label'?: string };

/**
 * A table for the legal pages. Each cell gets its column name as data-label, so that on narrow
 * screens the CSS can show every row as a small card ("Ändamål: ...") instead of scrolling sideways.
 */
export function LegalTable({ columns, label, children }: { columns: string[]; label: string; children: ReactNode }) {
  const rows = Children.map(children, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row)) return row;
    const cells = Children.map(row.props.children, (cell, i) =>
      isValidElement<CellProps>(cell) ? cloneElement(cell as ReactElement<CellProps>, { 'data-label': columns[i] }) : cell,
    );
    return cloneElement(row, undefined, cells);
  });
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}
