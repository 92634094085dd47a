import { PersonExportSchema } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { saveBlob } from '../components/download';

/** A subject access request: everything held about the person, saved as a JSON file (never cached). */
export async function exportPerson(id: number) {
  const data = await api.get(`/registry/people/${id}/export`, PersonExportSchema);
  saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `person-${id}.json`);
  return data;
}

export function useExportPerson() {
  return useRecordMutation(exportPerson, { invalidate: [] });
}
