export * from './ledningssystem-common';
export * from './duty';
export * from './ls-aggregate';
export * from './ledningssystem-registers';
