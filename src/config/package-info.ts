import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
}

/** The name and version in package.json: two folders up, from src/config/ as from the build's dist/config/. */
export function packageInfo(): PackageInfo {
  const { name, version } = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as PackageInfo;
  return { name, version };
}
