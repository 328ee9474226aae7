// User story: "I type a value that is refused; the message beside the field
// is true, in the units the field shows, names the setting that is really
// out of line, and once I leave the field it shows the value in force."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('refusals are true, in the field’s units, and the field shows the value in force', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 5, speed: 4 });
  await playground.waitForSimMs(1_000);

  // A name over 60 characters: refused, and on blur the name in force.
  await playground.select('app');
  const name = page.getByTestId('field-name');
  const before = await name.inputValue();
  await name.fill('x'.repeat(61));
  await expect(page.getByTestId('field-name-error')).toContainText('at most 60 characters');
  await name.blur();
  await expect(name).toHaveValue(before);
  await expect(page.getByTestId('field-name-error')).toHaveCount(0);

  // Whole numbers: the range is the field's real one.
  const instances = playground.field('capacity.instances');
  await instances.fill('-1');
  await expect(playground.fieldError('capacity.instances')).toContainText(
    "'-1' is not a whole number (expected 1 to 1000)",
  );
  await instances.fill('2');
  await expect(playground.fieldError('capacity.instances')).toHaveCount(0);

  // A shape the mean does not allow: the message names the mean, and the
  // select shows the shape in force.
  const shape = playground.field('capacity.service.dist');
  const mean = playground.field('capacity.service.mean_ms');
  await shape.selectOption('constant');
  await mean.fill('0');
  await mean.blur();
  await expect(playground.fieldError('capacity.service.mean_ms')).toHaveCount(0);
  await shape.focus();
  await shape.selectOption('exponential');
  await expect(playground.fieldError('capacity.service.dist')).toContainText(
    'Compute per request: mean: 0 is out of range (expected above 0, at most one hour)',
  );
  await expect(shape).toHaveValue('constant');
  await shape.blur();
  await expect(playground.fieldError('capacity.service.dist')).toHaveCount(0);
  await expect(shape).toHaveValue('constant');

  // Percent fields speak percent.
  await playground.select('cdn');
  const hitRatio = playground.field('hit_ratio');
  await expect(hitRatio).toHaveValue('90');
  await hitRatio.fill('1000000');
  await expect(playground.fieldError('hit_ratio')).toContainText(
    '1000000% is out of range (expected 0 to 100%)',
  );

  // A seed past the largest: the whole range is said, and on blur the seed
  // in force shows again.
  const seed = page.getByTestId('seed');
  await seed.fill('18446744073709551616');
  await seed.press('Enter');
  await expect(page.getByTestId('toast')).toContainText(
    'The seed must be a whole number from 0 to 18446744073709551615',
  );
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await seed.blur();
  await expect(seed).toHaveValue('5');
  await expect(seed).toHaveAttribute('aria-invalid', 'false');

  // The run went on throughout.
  await playground.advanceBy(1);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});
