export type * from './state';
export type * from './effects';
export type * from './apply-types';
