// Copies the text of one element (a secret just shown) to the clipboard. Only the element's id crosses from .NET.
window.openChatConsole = {
    copyText: async function (elementId) {
        const element = document.getElementById(elementId);
        if (!element) {
            return false;
        }

        await navigator.clipboard.writeText(element.textContent.trim());
        return true;
    }
};
