/**
 * Answers shaped the way ASP.NET Web API + Json.NET shape them (GUESS, from the framework's defaults):
 * framework errors carry `{"Message": ...}`, Sedna's own results carry `{ErrorType, Message, RecId}`.
 * Handlers return a Reply instead of writing to the socket so the fault layer can cut, drop or
 * replace any answer.
 */

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

export const JSON_TYPE = 'application/json; charset=utf-8'

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(value) }
}

/** Sedna's result convention: ErrorType 0 = success. */
export function result(errorType: number, message: string | null, recId: number): Reply {
  return json({ ErrorType: errorType, Message: message, RecId: recId })
}

/** `detail` is Web API's MessageDetail: which controller or action was not found. */
export function notFound(requestUri: string, detail: string): Reply {
  return json(
    { Message: `No HTTP resource was found that matches the request URI '${requestUri}'.`, MessageDetail: detail },
    404,
  )
}

export function methodNotAllowed(method: string, allow: string): Reply {
  return json({ Message: `The requested resource does not support http method '${method}'.` }, 405, {
    Allow: allow,
  })
}

export function unauthorized(): Reply {
  return json({ Message: 'Authorization has been denied for this request.' }, 401)
}

/** Model-binding failure: the parameter could not be read from the body or query. */
export function badRequest(parameter: string, reason: string): Reply {
  return json({ Message: 'The request is invalid.', ModelState: { [parameter]: [reason] } }, 400)
}

/** 403: an action filter refuses this caller (Web API's HttpResponseException with an error body). */
export function forbidden(message = 'This operator is not allowed to change this record.'): Reply {
  return json({ Message: message }, 403)
}

/** 409: the action refuses a request that clashes with what is stored (Request.CreateErrorResponse). */
export function conflict(message = 'A record with the same key already exists.'): Reply {
  return json({ Message: message }, 409)
}

/** Web API refuses a body it has no formatter for (e.g. fetch's default text/plain). */
export function unsupportedMediaType(contentType: string): Reply {
  return json(
    {
      Message: `The request entity's media type '${contentType}' is not supported for this resource.`,
      ExceptionMessage: `No MediaTypeFormatter is available to read an object from content with media type '${contentType}'.`,
      ExceptionType: 'System.Net.Http.UnsupportedMediaTypeException',
      StackTrace: '   at System.Net.Http.HttpContentExtensions.ReadAsAsync[T](HttpContent content, Type type)',
    },
    415,
  )
}

/** An unhandled .NET exception, as Web API reports it with error detail on. */
export function exception(exceptionType: string, exceptionMessage: string, at: string): Reply {
  return json(
    {
      Message: 'An error has occurred.',
      ExceptionMessage: exceptionMessage,
      ExceptionType: exceptionType,
      StackTrace: `   at ${at}\r\n   at System.Web.Http.Controllers.ReflectedHttpActionDescriptor.ActionExecutor.Execute(Object instance, Object[] arguments)`,
    },
    500,
  )
}

/** What the vendor says a phase-1 body with children produces. */
export function nullReference(): Reply {
  return exception(
    'System.NullReferenceException',
    'Object reference not set to an instance of an object.',
    'Sedna.Agency.B2B.Api.Controllers.ContractController.UpdateStopSale(StopSaleModel stopSale)',
  )
}
