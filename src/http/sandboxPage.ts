import type { GraphQLServerContext } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";

const ENDPOINT_FROM_PAGE_URL = "var initialEndpoint = window.location.href;";

/**
 * Apollo's embedded Sandbox landing page (ApolloServerPluginLandingPageLocalDefault), pointed at
 * `graphqlPath` rather than at the page's own URL. It loads Sandbox from Apollo's CDN, so it needs
 * a network; the self-hosted explorer does not.
 */
export async function renderSandboxPage(graphqlPath = "/graphql"): Promise<string> {
  const plugin = ApolloServerPluginLandingPageLocalDefault({
    embed: { endpointIsEditable: true },
    includeCookies: false,
  });
  // The default landing page plugin reads nothing from its server context.
  const listener = await plugin.serverWillStart?.({} as GraphQLServerContext);
  const landingPage = await listener?.renderLandingPage?.();
  if (landingPage == null) throw new Error("Apollo's landing page plugin rendered no page");
  const html = typeof landingPage.html === "string" ? landingPage.html : await landingPage.html();
  return html.replace(
    ENDPOINT_FROM_PAGE_URL,
    `var initialEndpoint = new URL(${JSON.stringify(graphqlPath)}, window.location.href).href;`,
  );
}
