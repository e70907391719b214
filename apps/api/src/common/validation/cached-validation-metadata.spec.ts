import { getMetadataStorage, IsString, MaxLength, MetadataStorage, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './cached-validation-metadata';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @MaxLength(3)
  code!: string;
}

/** The decorator metadata of one class, as the process-wide storage holds it. */
const ownMetadata = (target: new () => object) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false)
    .filter((metadata) => metadata.target === target);

describe('cacheValidationMetadata', () => {
  it('answers repeated lookups from the cache with what class-validator itself finds', () => {
    const plain = new MetadataStorage();
    const cached = new MetadataStorage();
    cacheValidationMetadata(cached);
    for (const metadata of [...ownMetadata(Base), ...ownMetadata(Derived)]) {
      plain.addValidationMetadata(metadata);
      cached.addValidationMetadata(metadata);
    }
    const first = cached.getTargetValidationMetadatas(Derived, '', false, false);
    expect(first).toEqual(plain.getTargetValidationMetadatas(Derived, '', false, false));
    expect(cached.getTargetValidationMetadatas(Derived, '', false, false)).toBe(first);
    expect(cached.groupByPropertyName(first)).toBe(cached.groupByPropertyName(first));
    expect(Object.keys(cached.groupByPropertyName(first)).sort()).toEqual(['code', 'name']);
  });

  it('forgets the cache when metadata is added later, and bypasses it for groups', () => {
    const storage = new MetadataStorage();
    cacheValidationMetadata(storage);
    for (const metadata of ownMetadata(Base)) storage.addValidationMetadata(metadata);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toHaveLength(1);
    for (const metadata of ownMetadata(Derived)) storage.addValidationMetadata(metadata);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toHaveLength(2);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false, ['g'])).toHaveLength(0);
  });

  it('still validates DTOs, inherited rules included, once installed on the global storage', () => {
    cacheValidationMetadata();
    const bad = Object.assign(new Derived(), { name: 5, code: 'long' });
    const good = Object.assign(new Derived(), { name: 'a', code: 'abc' });
    for (let i = 0; i < 2; i++) {
      expect(
        validateSync(bad)
          .map((e) => e.property)
          .sort(),
      ).toEqual(['code', 'name']);
      expect(validateSync(good)).toEqual([]);
    }
  });
});
