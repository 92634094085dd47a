import { useCallback, useState } from 'react';

type Versioned = { version: number };

/**
 * Form values seeded from a record. A newer version of the record (a refetch) is
 * adopted only while the user has not typed anything; once they have, their input
 * is kept and a stale save ends in a version conflict the form can explain.
 */
export function useRecordForm<R extends Versioned, V>(record: R | undefined, toValues: (record: R | undefined) => V) {
  const [values, setValues] = useState<V>(() => toValues(record));
  const [base, setBase] = useState<R | undefined>(record);
  const [dirty, setDirty] = useState(false);

  if (record && record !== base && (!base || record.version !== base.version) && !dirty) {
    setBase(record);
    setValues(toValues(record));
  }

  const setField = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setDirty(true);
  }, []);

  const reset = useCallback(
    (next: R | undefined) => {
      setBase(next);
      setValues(toValues(next));
      setDirty(false);
    },
    [toValues],
  );

  return { values, setField, setValues, dirty, reset, base };
}
