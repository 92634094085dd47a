import { expect } from 'vitest';
import { type XmlNode } from '../../server/src/features/iati/xml';
import type { ApiClient } from './harness';

export const text = (n: XmlNode | undefined): string => n?.children.find((c) => c.name === 'narrative')?.text ?? '';

export async function xmlOf(client: ApiClient, path: string) {
  const res = await client.get(path);
  expect(res.status, res.text).toBe(200);
  return res;
}

export async function importXml(client: ApiClient, xml: string, query = '') {
  return client.request('POST', `/iati/import${query}`, { raw: xml, headers: { 'content-type': 'application/xml' } });
}
