import { useMutation } from '@tanstack/react-query';
import { ImportPreviewSchema, ImportResultSchema, type ImportDecisions, type ImportMapping } from '@shared/schemas/registry-import';
import { uploadWithProgress } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { registryKeys } from './query-keys';

export type ImportConsent = { purpose: string; noticeVersion: string };

export type ImportSurveyVariables = {
  projectId: number;
  file: File;
  /** Left out on the first dry run: the server answers with its suggested mapping. */
  mapping?: ImportMapping;
  decisions?: ImportDecisions;
  consent?: ImportConsent | null;
  onProgress?: (loaded: number, total: number) => void;
};

function formOf({ file, mapping, decisions, consent }: ImportSurveyVariables): FormData {
  const form = new FormData();
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  if (decisions && Object.keys(decisions).length) form.append('decisions', JSON.stringify(decisions));
  if (consent) form.append('consent', JSON.stringify(consent));
  form.append('file', file);
  return form;
}

/** Reads and checks the file, writes nothing. */
export function previewImport(v: ImportSurveyVariables) {
  return uploadWithProgress('/registry/import', formOf(v), ImportPreviewSchema, {
    query: { projectId: v.projectId, dryRun: 1 },
    onProgress: v.onProgress,
  });
}

/** All rows or none, in one transaction. */
export function commitImport(v: ImportSurveyVariables) {
  return uploadWithProgress('/registry/import', formOf(v), ImportResultSchema, { query: { projectId: v.projectId }, onProgress: v.onProgress });
}

export function usePreviewImport() {
  return useMutation({ mutationFn: previewImport });
}

export function useCommitImport() {
  return useRecordMutation(commitImport, { invalidate: [registryKeys.all] });
}
