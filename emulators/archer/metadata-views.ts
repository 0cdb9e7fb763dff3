// RequestedObject shapes of the System controller's metadata reads (help.archerirm.cloud
// metadata_*.htm; reference §2.8), built from the seed.
import { guidFromName } from '../shared/ids.js';
import type { SeedApplication, SeedValue, SeedValuesList } from './seed-schema.js';
import type { FieldInfo, LevelInfo } from './state.js';

export function applicationView(app: SeedApplication) {
  return {
    Id: app.id,
    Name: app.name,
    Alias: app.alias ?? app.name.replace(/\W+/g, '_'),
    Type: 2,
    Status: 1,
    LanguageId: 1,
    Guid: guidFromName(`archer-application-${app.id}`),
    Description: null,
    KeepLicensed: true,
    IsDeprecated: false,
  };
}

export function levelView(level: LevelInfo) {
  return {
    Id: level.id,
    Name: level.name,
    Alias: level.alias ?? level.name.replace(/\W+/g, '_'),
    ModuleId: level.moduleId,
    IsDeleted: false,
    Guid: guidFromName(`archer-level-${level.id}`),
  };
}

export function fieldView(field: FieldInfo) {
  return {
    Id: field.id,
    Name: field.name,
    Alias: field.alias ?? field.name.replace(/\W+/g, '_'),
    Type: field.type,
    LevelId: field.levelId,
    IsRequired: field.isRequired,
    RelatedValuesListId: field.valuesListId ?? null,
    Guid: guidFromName(`archer-field-${field.id}`),
    IsActive: true,
    IsCalculated: false,
    IsKey: false,
  };
}

export function valuesListView(list: SeedValuesList) {
  return { Id: list.id, Name: list.name, Alias: list.name.replace(/\W+/g, '_'), IsGlobal: false };
}

export function valueView(v: SeedValue, sortOrder: number) {
  return {
    Id: v.id,
    Name: v.name,
    Alias: v.alias ?? v.name.replace(/\W+/g, '_'),
    Description: null,
    NumericValue: v.numericValue ?? null,
    ParentId: v.parentId ?? null,
    SortOrder: sortOrder,
    IsActive: true,
    IsSelectable: v.isSelectable,
    EnableOtherText: v.enableOtherText,
  };
}

interface TreeNode {
  Data: { Id: number; Name: string; IsSelectable: boolean };
  Children: TreeNode[];
  Depth: number;
}

/** The tree read: `RequestedObject.Children[] = {Data, Children, Depth}`, children under their parent. */
export function valuesTree(list: SeedValuesList) {
  const build = (parentId: number | undefined, depth: number): TreeNode[] =>
    list.values
      .filter((v) => v.parentId === parentId)
      .map((v) => ({
        Data: { Id: v.id, Name: v.name, IsSelectable: v.isSelectable },
        Children: build(v.id, depth + 1),
        Depth: depth,
      }));
  return { Id: list.id, Name: list.name, Children: build(undefined, 0) };
}
