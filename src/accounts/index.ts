// The self-service accounts feature's public API: the feature object the registry lists.
export { accounts } from './feature.js';
export { errors } from './errors.js';
