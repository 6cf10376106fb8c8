export * from './auth.ts';
export * from './council.ts';
export * from './meeting.ts';
export * from './document.ts';
export * from './live.ts';
export * from './resolution.ts';
export * from './record.ts';
export * from './audit.ts';
