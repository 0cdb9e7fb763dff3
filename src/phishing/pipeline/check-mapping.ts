// Checks [phishing.archer] against Archer's metadata before any report is filed: every application,
// level, field and values-list value name must exist. An unknown name throws the connector's
// ArcherUnknownNameError, whose message lists the names that do exist.
import type { RecordTarget } from '../../connectors/archer/index.js';
import type { ArcherMapping } from '../cases/sink.js';

export async function checkMapping(target: RecordTarget, m: ArcherMapping): Promise<void> {
  const level = await target.meta.level(target);
  const names = [
    m.titleField,
    m.descriptionField,
    m.campaignKeyField,
    m.attachmentField,
    m.reportCountField,
    m.firstReportedField,
    m.senderIpField,
    ...Object.keys(m.values),
    ...Object.keys(m.crossReferences),
  ].filter((n): n is string => n !== undefined);
  for (const name of names) await target.meta.field(level, name);
  for (const [fieldName, value] of Object.entries(m.values)) {
    const field = await target.meta.field(level, fieldName);
    for (const v of Array.isArray(value) ? value : [value]) await target.meta.valueId(field, v);
  }
}
