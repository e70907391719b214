import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage> & { [INSTALLED]?: true };
type Lookup = Storage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

const INSTALLED = Symbol('kvalitet.cachedValidationMetadata');

/**
 * class-validator looks up the metadata of a DTO on every validation by scanning the metadata of
 * every decorated class in the process (an `instanceof` per class, for inheritance) and then groups
 * it by property: a tenth of a POST's CPU in the api with its few hundred DTOs. The metadata only
 * changes while classes are being decorated, so lookups without groups are answered from a cache
 * that any later registration empties. The returned arrays and groupings are only read by
 * class-validator, so sharing them between validations is safe.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (storage[INSTALLED]) return;
  storage[INSTALLED] = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let lookups = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = () => {
    lookups = new Map();
    groupings = new WeakMap();
  };
  const addValidation = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidation(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups !== undefined && groups.length > 0)
      return lookup(target, schema, always, strictGroups, groups);
    const key = `${String(always)}|${String(strictGroups)}|${schema}`;
    let byOptions = lookups.get(target);
    if (!byOptions) lookups.set(target, (byOptions = new Map()));
    let metadata = byOptions.get(key);
    if (!metadata) byOptions.set(key, (metadata = lookup(target, schema, always, strictGroups, groups)));
    return metadata;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupings.get(metadata);
    if (!grouped) groupings.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}
