export * from './ledningssystem-common';
export * from './duty';
export * from './ls-aggregate';
export * from './ledningssystem-document';
export * from './ledningssystem-decision';
export * from './ledningssystem-registers';
export * from './review-improvement-actions';
