// Test helpers shared by every package (STYLE.md §6): waiting with deadlines, unique names, and
// the settings of the test broker's secure listeners.
export * from './wait-for';
export * from './unique-name';
export * from './secure-kafka';
