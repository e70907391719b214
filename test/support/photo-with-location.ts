/** The attachment test files, shared by the e2e and browser tests (issue 21). */
export * from '../../libs/domain/src/attachments/photo-with-location.fixture';
