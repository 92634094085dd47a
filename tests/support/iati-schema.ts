import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const DIR = resolve(import.meta.dirname, '../../server/assets/iati');
const file = (fileName: string) => ({ fileName, contents: readFileSync(resolve(DIR, fileName), 'utf8') });

/** Validates an IATI activities document against the official 2.03 schema shipped in server/assets/iati. */
export async function validateIati(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'activities.xml', contents: xml }],
    schema: [file('iati-activities-schema.xsd')],
    preload: [file('iati-common.xsd'), file('xml.xsd')],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
