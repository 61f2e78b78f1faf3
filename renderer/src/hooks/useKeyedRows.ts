import { useState } from 'react';

/**
 * Editing a list of rows that keep their inputs by key: change one, remove one, or add one, whose first
 * input then takes the focus (so keyboard users land in the row they asked for).
 */
export function useKeyedRows<Row extends { key: number }>(rows: readonly Row[], onChange: (rows: Row[]) => void, newRow: () => Row) {
  const [addedKey, setAddedKey] = useState<number>();
  return {
    /** For the first input of a row: true for the row just added. */
    isAdded: (row: Row) => row.key === addedKey,
    update: (key: number, change: Partial<Row>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row))),
    remove: (key: number) => onChange(rows.filter((row) => row.key !== key)),
    add: () => {
      const row = newRow();
      setAddedKey(row.key);
      onChange([...rows, row]);
    },
  };
}
