/** Signing in to management in the browser through the forms, as a person does it (in Dutch). */
import type { Page } from 'playwright-core';
import { PASSWORD, totpCode } from '../beheer/management-client.ts';

export async function signInAs(page: Page, registerUrl: string, person: { username: string; totpSecret?: string }): Promise<void> {
  await page.goto(`${registerUrl}/beheer/inloggen`);
  await page.getByLabel('Gebruikersnaam').fill(person.username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  if (person.totpSecret) {
    await page.waitForURL(/\/beheer\/inloggen\/code/);
    await page.getByLabel('Code van 6 cijfers').fill(await totpCode(person.totpSecret));
    await page.getByRole('button', { name: 'Controleren' }).click();
  }
  await page.waitForURL(`${registerUrl}/beheer`);
}
