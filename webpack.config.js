/* eslint-disable */
// The task pane, the ribbon commands and the preview, bundled. scripts/build.ts runs it for production and adds the
// manifest; scripts/dev-server.ts serves it over HTTPS with its certificates (npm run dev-server).
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const fs = require("fs");

const OFFICE_JS = "https://appsforoffice.microsoft.com";
const OFFICE_CSP = `default-src 'self'; script-src 'self' ${OFFICE_JS}`;
const DIALOG_CSP = `${OFFICE_CSP}; style-src 'self' 'unsafe-inline'`;
const TASKPANE_CSP =
  `${OFFICE_CSP}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; ` +
  "connect-src 'self' https://*.microsoft.com https://*.office.com https://*.officeapps.live.com";
const PREVIEW_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";
const PAGE_DIRS = {
  taskpane: "taskpane",
  commands: "commands",
  message: "commands",
  download: "download",
  preview: "preview",
};

/**
 * One page from the shared template (src/page.html: charset, viewport, policy, icon, title, office.js) and the page's
 * own part, src/<dir>/<name>.html: what comes before its <body> goes into the head (its styles), the rest is the body.
 * Dialogs also get the styles they share (src/commands/dialog.css).
 */
function page(name, title, csp, { officeJs = false, dialog = false }) {
  const own = fs.readFileSync(path.join(__dirname, "src", PAGE_DIRS[name], `${name}.html`), "utf8");
  const at = own.indexOf("<body");
  const shared = dialog
    ? `<style>${fs.readFileSync(path.join(__dirname, "src/commands/dialog.css"), "utf8")}</style>`
    : "";
  return new HtmlWebpackPlugin({
    filename: `${name}.html`,
    template: "./src/page.html",
    chunks: [name],
    title,
    csp,
    officeJs,
    head: shared + own.slice(0, at).replace(/<!--[\s\S]*?-->/, ""),
    body: own.slice(at),
  });
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      message: "./src/commands/message.ts",
      download: "./src/download/download.ts",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          options: { transpileOnly: true, compilerOptions: { noEmit: false, module: "esnext" } },
        },
      ],
    },
    plugins: [
      page("taskpane", "Kế hoạch ứng dụng CNTT", TASKPANE_CSP, { officeJs: true }),
      page("commands", "ictplan", OFFICE_CSP, { officeJs: true }),
      page("message", "ictplan", DIALOG_CSP, { officeJs: true, dialog: true }),
      page("download", "ictplan", `${DIALOG_CSP}; img-src 'self' blob:`, { officeJs: true, dialog: true }),
      page("preview", "Kế hoạch ứng dụng CNTT – xem trước", PREVIEW_CSP, {}),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "assets/samples/lao-cai-2015.xlsx", to: "samples/lao-cai-2015.xlsx" },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };
};
