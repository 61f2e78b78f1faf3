// The questions most templates ask: where the app lives, and the name it gives Gatehouse in its callback path.
import type { TemplateInput } from './types.ts';

export function appUrlInput(appName: string, placeholder: string, help = `The address people open ${appName} at, as the browser shows it.`): TemplateInput {
  return { name: 'appUrl', kind: 'url', label: `${appName} address`, placeholder, help };
}

export function providerNameInput(label: string, help: string): TemplateInput {
  return { name: 'providerName', kind: 'name', label, placeholder: 'gatehouse', default: 'gatehouse', help };
}
