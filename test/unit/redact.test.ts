/**
 * Redaction by name: the value of a query parameter or JSON field called password is replaced, and
 * nothing else is ever changed. The old net replaced the password's text wherever it occurred: with the
 * vendor's test password 1234, RecId 12345 became ***5.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redactText, redactUrl } from '../../src/main/sedna/redact'

describe('redactUrl', () => {
  it('replaces the values of password parameters, whatever their case, and keeps everything else', () => {
    expect(redactUrl('http://h/api/Integratiion/AgencyLogin?username=u&password=1234&voucherNo=V12345')).toBe(
      'http://h/api/Integratiion/AgencyLogin?username=u&password=***&voucherNo=V12345',
    )
    expect(redactUrl('https://h/x?PassWord=%C3%A7%C4%9F&Sifre=a&recId=1234')).toBe(
      'https://h/x?PassWord=***&Sifre=***&recId=1234',
    )
    expect(redactUrl('http://user:secret@proxy.example:8080/')).toBe('http://***:***@proxy.example:8080/')
    const plain = 'http://h/api/Contract/UpdateStopSale?recId=1234'
    expect(redactUrl(plain)).toBe(plain)
  })
})

describe('redactText', () => {
  it('replaces password values in query strings and JSON fields, escaped quotes included', () => {
    expect(redactText('GET http://h/a?username=u&password=p%22w%5Cx failed')).toBe(
      'GET http://h/a?username=u&password=*** failed',
    )
    expect(redactText('{"Password":"p\\"w\\\\x","RecId":12345}')).toBe('{"Password":"***","RecId":12345}')
    expect(redactText('{"password" : "çğüş€"}')).toBe('{"password" : "***"}')
  })

  it('never changes a character outside such a value (so JSON stays valid and numbers intact)', () => {
    const doc = { recId: 12345, synced: 1234, note: 'x 1234 p"w\\x çğüş€', list: [1234, 'xx'] }
    const text = JSON.stringify(doc, null, 2)
    expect(redactText(text)).toBe(text)
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify({ data: value })
        // Only documents without a secret-named field are left exactly as they were.
        fc.pre(!/"(password|pass|passwd|pwd|sifre|şifre|parola)"\s*:/i.test(json) && !/password=/i.test(json))
        expect(redactText(json)).toBe(json)
      }),
    )
  })

  it('keeps a document valid JSON when it does redact', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (secret, recId) => {
        const json = JSON.stringify({
          Password: secret,
          RecId: recId,
          url: `http://h/?password=${encodeURIComponent(secret)}`,
        })
        const out = JSON.parse(redactText(json))
        expect(out).toEqual({ Password: '***', RecId: recId, url: 'http://h/?password=***' })
      }),
    )
  })
})
