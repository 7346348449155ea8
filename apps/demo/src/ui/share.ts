/**
 * The "Copy link" button: copies the page's URL (which holds every setting) with the clipboard API, and says so.
 * Where the clipboard cannot be written (no API, an insecure page, permission refused), it shows the link in a
 * selected text field instead, for the user to copy.
 */
export function wireCopyLink(button: HTMLButtonElement, status: HTMLElement, fallback: HTMLInputElement): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    const url = location.href;
    clearTimeout(timer);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(url);
      fallback.hidden = true;
      status.textContent = 'Link copied';
      timer = setTimeout(() => (status.textContent = ''), 4000);
    } catch {
      fallback.value = url;
      fallback.hidden = false;
      fallback.focus();
      fallback.select();
      status.textContent = 'Copy the link below (Ctrl+C or ⌘C)';
    }
  });
}
