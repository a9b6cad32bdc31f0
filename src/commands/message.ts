/** The ribbon's message dialog: shows the text it was opened with; OK closes it. */
const params = new URLSearchParams(window.location.search);
const text = document.getElementById("text") as HTMLElement;
text.textContent = params.get("text") ?? "";
text.className = params.get("intent") ?? "";
document.getElementById("close")?.addEventListener("click", () => {
  if (typeof Office !== "undefined" && Office.context?.ui) Office.context.ui.messageParent("close");
  else window.close();
});
