import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

function load(file: string): Record<string, unknown> {
  return parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function errorsOf(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('electron-builder configuration', () => {
  it.each(['electron-builder.yml', 'electron-builder.e2e.yml'])('%s conforms to the schema shipped in app-builder-lib', (file) => {
    expect(errorsOf(load(file))).toEqual([]);
  });

  it('fails the schema for a misspelled key, so the check is real', () => {
    const config = load('electron-builder.yml');
    expect(errorsOf({ ...config, prodcutName: 'RecordKey' }).join('\n')).toMatch(/additional/);
    expect(errorsOf({ ...config, mac: { ...(config.mac as object), hardnedRuntime: true } })).not.toEqual([]);
  });

  it('builds the targets the product ships and hardens the fuses', () => {
    const config = load('electron-builder.yml') as {
      win: { target: string[] };
      mac: { target: string[]; extendInfo: Record<string, unknown> };
      linux: { target: string[] };
      electronFuses: Record<string, boolean>;
    };
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(load('electron-builder.e2e.yml').electronFuses).toMatchObject({ enableNodeCliInspectArguments: true, runAsNode: false });
  });
});
