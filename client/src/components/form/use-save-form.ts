import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isApiError } from '@/lib/api-client';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { describeSaveError } from '@/lib/save-errors';

/** What the form needs of the mutation in flight (a create or an update, whichever the form is doing). */
export type SaveMutation = { error: unknown; isPending: boolean; reset: () => void };

type ZodIssue = z.core.$ZodIssue;

type SaveFormOptions<R extends { version: number }> = {
  mutation: SaveMutation;
  /** The record's schema: a 409 carries the record as it is now, read with it. */
  record?: z.ZodType<R>;
  /** The version the form was opened on; the next save after a reload carries the newer one. */
  version?: number;
  /**
   * After the user reloads on a conflict, with the record as it is now. Forms that keep what
   * the user typed leave this out (only the version moves on); forms that show the newer
   * text take it here.
   */
  onReload?: (current: R) => void;
};

export type SaveForm = ReturnType<typeof useSaveForm>;

/**
 * The one path of a save: the values parsed with the shared schema in the browser (its
 * issues shown next to the fields, in the reader's language), then the mutation, whose
 * refusal is split into field errors, a banner, or a version conflict the user reloads.
 */
export function useSaveForm<R extends { version: number }>({ mutation, record, version: opened = 1, onReload }: SaveFormOptions<R>) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(opened);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const saveError = describeSaveError(t, mutation.error);

  /**
   * Parses `raw` with `schema`; sends the parsed input when it passes, else shows its issues.
   * `explain` may give an issue a message of the form's own (a field the schema words too
   * generally for this form); `also` are problems of the form's own checks, shown with the
   * schema's, which stop the save too. Returns whether it was sent.
   */
  function save<S extends z.ZodType>(
    schema: S,
    raw: unknown,
    send: (input: z.output<S>) => void,
    { explain, also = {} }: { explain?: (issue: ZodIssue) => ZodIssue; also?: FieldErrors } = {},
  ): boolean {
    const parsed = schema.safeParse(raw);
    if (!parsed.success || Object.keys(also).length > 0) {
      const issues = parsed.success ? [] : explain ? parsed.error.issues.map(explain) : parsed.error.issues;
      setClientErrors({ ...zodFieldErrors(t, issues), ...also });
      return false;
    }
    setClientErrors({});
    send(parsed.data);
    return true;
  }

  const reload = () => {
    const current = record && isApiError(mutation.error) ? mutation.error.current(record) : null;
    mutation.reset();
    if (!current) return;
    setVersion(current.version);
    onReload?.(current);
  };

  return {
    /** Field errors by dotted path: the browser's check wins over the server's for the same field. */
    errors: { ...saveError.fieldErrors, ...clientErrors },
    /** The browser's check found problems (the form may say so beside its save button). */
    checkFailed: Object.keys(clientErrors).length > 0,
    save,
    version,
    reload,
    isConflict: saveError.isConflict,
    banner: saveError.banner,
    isPending: mutation.isPending,
    clearErrors: () => setClientErrors({}),
  };
}
