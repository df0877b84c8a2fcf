import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test only when globals are on; this project keeps them off.
afterEach(() => cleanup());
