// User story: "I type a value that makes no sense into a setting; a message
// beside the field says why, and the simulation keeps the last valid value."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('an invalid value shows a message and the last valid value stays in force', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 4, speed: 4 });
  await playground.waitForSimMs(3_000);
  await playground.select('app');
  const instances = playground.field('capacity.instances');
  await expect(instances).toHaveValue('2');

  await instances.fill('0');
  await expect(playground.fieldError('capacity.instances')).toContainText(
    '0 is out of range (expected 1 to 1000)',
  );
  await expect(instances).toHaveAttribute('aria-invalid', 'true');
  await instances.fill('two');
  await expect(playground.fieldError('capacity.instances')).toContainText(
    "'two' is not a whole number",
  );

  // The run goes on with two instances: traffic is still answered.
  await playground.advanceBy(2);
  await expect.poll(() => playground.value('throughput')).toBeGreaterThan(0);
  expect(await playground.value('error-rate')).toBe(0);

  // A valid value clears the message and takes effect.
  await instances.fill('3');
  await expect(playground.fieldError('capacity.instances')).toHaveCount(0);
  await instances.blur();
  await playground.select('db');
  await playground.select('app');
  await expect(playground.field('capacity.instances')).toHaveValue('3');

  // Names cannot be empty either.
  await page.getByTestId('field-name').fill('   ');
  await expect(page.getByTestId('inspector-block')).toContainText('a name cannot be empty');
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});
