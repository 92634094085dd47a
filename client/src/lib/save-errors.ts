import type { TFunction } from 'i18next';
import { isApiError } from './api-client';
import { toFieldErrors, type FieldErrors } from './errors';

export type SaveErrorView = {
  /** Field issues to show next to each control. */
  fieldErrors: FieldErrors;
  /** An error to show as a banner (null when the field errors say it all, or for a conflict). */
  banner: unknown;
  isConflict: boolean;
};

/** Splits a failed save into what goes next to fields, in a banner, or in the conflict notice. */
export function describeSaveError(t: TFunction, error: unknown): SaveErrorView {
  if (!error) return { fieldErrors: {}, banner: null, isConflict: false };
  if (isApiError(error) && error.isVersionConflict) return { fieldErrors: {}, banner: null, isConflict: true };
  if (isApiError(error) && error.issues.length > 0) {
    return { fieldErrors: toFieldErrors(t, error.issues), banner: error, isConflict: false };
  }
  return { fieldErrors: {}, banner: error, isConflict: false };
}
