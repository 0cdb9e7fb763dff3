// Writes docs/errors.md from the error catalogues (npm run docs:errors).
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/app/error-catalogue.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
