import { ApiError, type ApiRequest, callApi } from "./api";
import { currentSession, renewSession } from "./session";

/**
 * A REST call as the signed-in user. A 401 (the token expired while the tab slept) renews the
 * session once and retries; a second 401 is the caller's to show.
 */
export async function callAsUser<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const session = currentSession();
  if (session === null) throw new ApiError(401, "signed_out", "Sign in first");
  try {
    return await callApi<T>(path, { ...request, token: session.token });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const renewed = await renewSession();
    if (renewed === null) throw error;
    return callApi<T>(path, { ...request, token: renewed.token });
  }
}
