export * from './ledningssystem-contract';
export * from './ledningssystem-duty-workflow';
