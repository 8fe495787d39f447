// The example topologies that ship with the app. The worker reads them (as raw text, through the
// same parser as a user's file); the UI refers to them by name only. Add one by dropping a
// containerlab file beside this one and listing it below.

import twoSubnetsRouter from './two-subnets-router.clab.yml?raw';

export interface Example {
  /** what the URL (`?example=NAME`) and `loadExample(NAME)` call it */
  name: string;
  /** file name, used in problem messages */
  file: string;
  /** the file's text */
  text: string;
}

export const EXAMPLES: readonly Example[] = [
  { name: 'two-subnets-router', file: 'two-subnets-router.clab.yml', text: twoSubnetsRouter },
];

export function findExample(name: string): Example | undefined {
  return EXAMPLES.find((e) => e.name === name);
}
