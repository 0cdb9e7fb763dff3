import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONFIDENCES,
  CTIM_SCHEMA_VERSION,
  confidenceSchema,
  DISPOSITION_NAMES,
  DISPOSITIONS,
  dispositionNumberSchema,
  INDICATOR_TYPES,
  isObservableType,
  OBSERVABLE_TYPES,
  OBSERVED_RELATIONS,
  observableTypeSchema,
  RELATIONSHIP_TYPES,
  RESOLUTIONS,
  SENSORS,
  SEVERITIES,
  sensorSchema,
  severitySchema,
  TLPS,
  tlpSchema,
} from '../../../src/relay/ctim/index.js';

test('claims CTIM schema version 1.3.29', () => {
  assert.equal(CTIM_SCHEMA_VERSION, '1.3.29');
});

test('confidence and severity follow CTIM 1.3, severity with Critical and confidence without', () => {
  assert.deepEqual([...CONFIDENCES].sort(), ['High', 'Info', 'Low', 'Medium', 'None', 'Unknown']);
  assert.deepEqual([...SEVERITIES].sort(), ['Critical', 'High', 'Info', 'Low', 'Medium', 'None', 'Unknown']);
  assert.equal(severitySchema.safeParse('Critical').success, true);
  assert.equal(confidenceSchema.safeParse('Critical').success, false);
});

test('enums are case-sensitive, as CTIM compares exact strings', () => {
  assert.equal(severitySchema.safeParse('high').success, false);
  assert.equal(confidenceSchema.safeParse('HIGH').success, false);
  assert.equal(tlpSchema.safeParse('Amber').success, false);
  assert.equal(sensorSchema.safeParse('Endpoint').success, false);
});

test('dispositions are 1 Clean, 2 Malicious, 3 Suspicious, 4 Common, 5 Unknown', () => {
  assert.deepEqual(DISPOSITIONS, { 1: 'Clean', 2: 'Malicious', 3: 'Suspicious', 4: 'Common', 5: 'Unknown' });
  assert.deepEqual(DISPOSITION_NAMES, ['Clean', 'Malicious', 'Suspicious', 'Common', 'Unknown']);
  for (const bad of [0, 6, 1.5, '1', -1]) assert.equal(dispositionNumberSchema.safeParse(bad).success, false);
});

test('TLP, resolution, sensor, relationship and indicator type lists are complete', () => {
  assert.deepEqual([...TLPS], ['amber', 'green', 'red', 'white']);
  assert.deepEqual([...RESOLUTIONS], ['allowed', 'blocked', 'contained', 'detected']);
  assert.equal(SENSORS.length, 45);
  assert.ok(SENSORS.includes('network.firewall') && SENSORS.includes('process.email-service'));
  assert.equal(RELATIONSHIP_TYPES.length, 19);
  assert.ok(RELATIONSHIP_TYPES.includes('sighting-of') && RELATIONSHIP_TYPES.includes('based-on'));
  assert.equal(INDICATOR_TYPES.length, 15);
});

test('observable types hold every name the reference lists, without duplicates', () => {
  assert.equal(OBSERVABLE_TYPES.length, 63);
  assert.equal(new Set(OBSERVABLE_TYPES).size, OBSERVABLE_TYPES.length);
  for (const t of [
    'ip',
    'ipv6',
    'domain',
    'url',
    'sha256',
    'sha1',
    'md5',
    'file_name',
    'file_path',
    'hostname',
  ]) {
    assert.equal(observableTypeSchema.safeParse(t).success, true, t);
  }
});

test('observable types refuse near misses and non-strings', () => {
  for (const t of ['IP', 'sha-256', 'mac', 'amp-device', '', ' ip', 'constructor', '__proto__']) {
    assert.equal(isObservableType(t), false, t);
    assert.equal(observableTypeSchema.safeParse(t).success, false, t);
  }
  assert.equal(isObservableType(undefined), false);
  assert.equal(isObservableType(42), false);
});

test('observed relations have no duplicates and include those the relays emit', () => {
  assert.equal(new Set(OBSERVED_RELATIONS).size, OBSERVED_RELATIONS.length);
  assert.equal(OBSERVED_RELATIONS.length, 140);
  for (const r of [
    'Connected_To',
    'File_Name_Of',
    'File_Path_Of',
    'Parent_Of',
    'Resolved_To',
    'Sub-domain_Of',
  ]) {
    assert.ok((OBSERVED_RELATIONS as readonly string[]).includes(r), r);
  }
});
