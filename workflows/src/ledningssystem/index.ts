export * from './ledningssystem-contract';
export * from './ledningssystem-duty-workflow';
export * from './arshjul-planning-workflow';
