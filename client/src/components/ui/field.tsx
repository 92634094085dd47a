import {
  createContext,
  useContext,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { MAX_DATE, MIN_DATE } from '@shared/bounds';

type FieldContextValue = { id: string; describedBy: string | undefined; invalid: boolean; required: boolean };
const FieldContext = createContext<FieldContextValue | null>(null);

type FieldProps = {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: ReactNode;
};

/** A labelled form control with its hint and its error, wired for screen readers. */
export function Field({ label, error, hint, required = false, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required ? (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      <FieldContext.Provider value={{ id, describedBy, invalid: Boolean(error), required }}>{children}</FieldContext.Provider>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function useFieldProps() {
  const ctx = useContext(FieldContext);
  if (!ctx) return {};
  return {
    id: ctx.id,
    'aria-describedby': ctx.describedBy,
    'aria-invalid': ctx.invalid || undefined,
    required: ctx.required || undefined,
  };
}

/** A date picker offers the dates the API accepts (shared/bounds.ts) unless told otherwise. */
const DATE_RANGE = { min: MIN_DATE, max: MAX_DATE };

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={['input', className ?? ''].filter(Boolean).join(' ')}
      {...useFieldProps()}
      {...(props.type === 'date' ? DATE_RANGE : {})}
      {...props}
    />
  );
}

export function Select({ className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={['input', 'select', className ?? ''].filter(Boolean).join(' ')} {...useFieldProps()} {...props}>
      {children}
    </select>
  );
}

/** A select's options, one a value, each named by `label` (an enum's values in the reader's language). */
export function Options<T extends string | number>({ values, label }: { values: readonly T[]; label: (value: T) => string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}

/** A select's options for records, one a record, its value the record's id. */
export function RecordOptions<R extends { id: number }>({ records, label }: { records: readonly R[]; label: (record: R) => string }) {
  return (
    <>
      {records.map((record) => (
        <option key={record.id} value={record.id}>
          {label(record)}
        </option>
      ))}
    </>
  );
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={['input', 'textarea', className ?? ''].filter(Boolean).join(' ')} {...useFieldProps()} {...props} />;
}

type FieldsetProps = { legend: ReactNode; error?: string | undefined; hint?: ReactNode; children: ReactNode; className?: string };

/** A group of controls answering one question (checkbox lists, a pair of numbers). */
export function Fieldset({ legend, error, hint, children, className }: FieldsetProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={['fieldset', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      <legend className="field-label">{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
