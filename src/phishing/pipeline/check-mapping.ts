// Checks [phishing.archer] against Archer's metadata before any report is filed: every application,
// level, field and values-list value name must exist. An unknown name throws the connector's
// ArcherUnknownNameError, whose message lists the names that do exist.
import { ArcherUnknownNameError, type RecordTarget } from '../../connectors/archer/index.js';
import type { ArcherMapping } from '../cases/sink.js';

export async function checkMapping(target: RecordTarget, m: ArcherMapping): Promise<void> {
  const [first] = await unknownNames(target, m);
  if (first) throw first;
}

/**
 * Every name of the mapping Archer does not have, each with the names it does have (for `config
 * check --online`, which lists them all). Other failures, such as Archer being unreachable, throw.
 */
export async function unknownNames(
  target: RecordTarget,
  m: ArcherMapping,
): Promise<ArcherUnknownNameError[]> {
  const unknown: ArcherUnknownNameError[] = [];
  const found = async <T>(lookup: Promise<T>): Promise<T | undefined> => {
    try {
      return await lookup;
    } catch (e) {
      if (!(e instanceof ArcherUnknownNameError)) throw e;
      unknown.push(e);
      return undefined;
    }
  };
  const level = await found(target.meta.level(target));
  if (level === undefined) return unknown;
  const names = [
    m.titleField,
    m.descriptionField,
    m.campaignKeyField,
    m.attachmentField,
    m.reportCountField,
    m.firstReportedField,
    m.senderIpField,
    ...Object.keys(m.crossReferences),
  ].filter((n): n is string => n !== undefined);
  for (const name of names) await found(target.meta.field(level, name));
  for (const [fieldName, value] of Object.entries(m.values)) {
    const field = await found(target.meta.field(level, fieldName));
    if (field === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) await found(target.meta.valueId(field, v));
  }
  return unknown;
}
