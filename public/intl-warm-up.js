// The page's first Intl.DateTimeFormat costs about 10 ms (40 ms on a slow phone) of locale
// data, whatever its options; later ones cost a fraction of a millisecond. Built here, it
// uses the time the page waits for the app's modules to download, instead of delaying the
// positions list's dates when Graph has answered.
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(0);
