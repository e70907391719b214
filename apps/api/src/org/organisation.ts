/** The organisation model lives in the domain (ADR 0030); the api asks the same class. */
export { Organisation, type OrgUnitNode } from '@kvalitet/domain';
