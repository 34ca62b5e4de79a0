// Test helpers shared by every package (STYLE.md §6): waiting with deadlines and unique names.
export * from './wait-for';
export * from './unique-name';
