export type * from './model';
export * from './feel';
