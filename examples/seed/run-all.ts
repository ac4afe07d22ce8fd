console.log("tsdspy: the article's examples are being ported; nothing to run yet.");
