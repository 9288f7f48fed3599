// api/openapi.json is api/openapi.yaml as JSON (the server serves both). Writes it:
//   node tests/web/openapi-json.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

export const apiDir = fileURLToPath(new URL('../../api/', import.meta.url));
export function specFromYaml() {
  return yaml.load(readFileSync(apiDir + 'openapi.yaml', 'utf8'));
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(apiDir + 'openapi.json', JSON.stringify(specFromYaml(), null, 2) + '\n');
  console.log('wrote ' + apiDir + 'openapi.json');
}
